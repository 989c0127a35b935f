/** A failed API call: the HTTP status and, for problem+json answers, the title, detail and per-field errors. */
export class InboxError extends Error {
  readonly status: number;
  readonly title: string | null;
  readonly detail: string | null;
  readonly errors: Record<string, string[]>;

  constructor(status: number, message: string, problem?: { title?: string; detail?: string; errors?: Record<string, string[]> }) {
    super(message);
    this.name = "InboxError";
    this.status = status;
    this.title = problem?.title ?? null;
    this.detail = problem?.detail ?? null;
    this.errors = problem?.errors ?? {};
  }
}
