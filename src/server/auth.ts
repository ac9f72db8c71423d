/**
 * Authentication of incoming API calls. Placeholder until API keys land: every call to an end point
 * that does not allow anonymous access is refused as if it carried no key.
 */
import type { ServerContext } from './context';
import { ApiError } from './errors';

/** Who an accepted call runs as. */
export interface CallIdentity {
  userId: string;
  login: string;
  name: string;
  privileges: string[];
}

/**
 * Authenticates a call to `endpointName`, which does not allow anonymous connections.
 * Resolves to the key's user, or throws an {@link ApiError} with the contract's status and code.
 */
export async function authenticateCall(_ctx: ServerContext, _request: Request, endpointName: string): Promise<CallIdentity> {
  throw new ApiError(401, 'missing_api_key', `The end point ${endpointName} does not allow anonymous connections, and the call sent no API key in its Authorization header.`);
}
