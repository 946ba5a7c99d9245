/** An HTTP error that knows what the visitor may read; anything else is a logged 500. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly publicMessage: string,
  ) {
    super(publicMessage);
  }
}
