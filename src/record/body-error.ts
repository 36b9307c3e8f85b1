/**
 * A request the receiver refuses, with the HTTP status to answer and a message for the sender
 * (exporters log it, so it is the sender's user who reads it).
 */
export class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}
