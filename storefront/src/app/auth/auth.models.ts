export interface AuthUser {
  id: string;
  name: string;
  email: string | null;
}

export type AuthStatus = 'unknown' | 'anonymous' | 'authenticated' | 'error';
