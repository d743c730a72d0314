// An error whose message is written for the reader: the router passes it on as it is.
export class UserError extends Error {
  override name = 'UserError';
}
