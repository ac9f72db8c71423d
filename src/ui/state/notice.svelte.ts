/**
 * The shell's one-line notice of something done that left no view to say so itself: the instance
 * was reset, an item was deleted and its tab closed. Shown above the workspace as a status.
 */
class ShellNotice {
  text = $state<string | null>(null);

  /** Shows `text` in place of any earlier notice. */
  show(text: string): void {
    this.text = text;
  }

  dismiss(): void {
    this.text = null;
  }
}

export const notice = new ShellNotice();
