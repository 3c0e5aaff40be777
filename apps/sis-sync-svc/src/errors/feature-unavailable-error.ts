/** A capability this build of the service does not have yet; the API answers 501 with the message. */
export class FeatureUnavailableError extends Error {
  override readonly name = 'FeatureUnavailableError';
}
