/** The user an actionflow runs as ("system" for anonymous end point calls). */
export interface RunAs {
  userId: string | null;
  login: string;
  name: string;
  /** Privileges held: a screen run's are those its session took at login. */
  privileges: string[];
}
