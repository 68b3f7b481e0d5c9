import { KeycloakError, requestToken } from '../src';
import { keycloakErrorFrom } from '../src/errors';

/** Admin REST calls as the bootstrap admin of the master realm (realm creation needs it). */
export class MasterAdmin {
  private constructor(
    private readonly baseUrl: string,
    private readonly accessToken: string,
  ) {}

  static async login(baseUrl: string, username: string, password: string): Promise<MasterAdmin> {
    const token = await requestToken(baseUrl, 'master', {
      grant_type: 'password',
      client_id: 'admin-cli',
      username,
      password,
    });
    return new MasterAdmin(baseUrl.replace(/\/+$/, ''), token.access_token);
  }

  async call<T = void>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}/admin/realms${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.accessToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw await keycloakErrorFrom(response, method, path);
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Like `call`, but a 404 answers undefined. */
  async find<T>(path: string): Promise<T | undefined> {
    try {
      return await this.call<T>('GET', path);
    } catch (error) {
      if (error instanceof KeycloakError && error.status === 404) return undefined;
      throw error;
    }
  }
}
