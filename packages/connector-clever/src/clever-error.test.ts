import { describe, expect, it } from 'vitest';
import { parseCleverErrorBody } from './clever-error.js';

describe('parseCleverErrorBody', () => {
  it('reads the OAuth host error and its description', () => {
    expect(parseCleverErrorBody('{"error":"invalid_client","error_description":"bad secret"}')).toBe(
      'invalid_client: bad secret',
    );
  });

  it('reads the Data API message', () => {
    expect(parseCleverErrorBody('{"message":"limit is greater than 10000"}')).toBe(
      'limit is greater than 10000',
    );
  });

  it('says nothing for bodies that are not Clever errors', () => {
    expect(parseCleverErrorBody('<html>Bad gateway</html>')).toBeUndefined();
    expect(parseCleverErrorBody('{}')).toBeUndefined();
    expect(parseCleverErrorBody(undefined)).toBeUndefined();
  });
});
