/** A request another view hands to the API console ("Try it" in the designer): it fills the URL in. */
class ConsoleRequest {
  /** The URL to put in the console's URL field, taken (and cleared) by the console. */
  url = $state<string | null>(null);
}

export const consoleRequest = new ConsoleRequest();
