import type { CreateUserBody, UserView } from './contract.ts';
import { getJson, request } from './http.ts';

/** `GET /api/v1/users` (admins): the accounts in the admin's scope. */
export async function fetchUsers(signal?: AbortSignal): Promise<UserView[]> {
  const { users } = await getJson<{ users: UserView[] }>('/api/v1/users', signal);
  return users;
}

/** `POST /api/v1/users`: an account with one role over one area. */
export function createUser(body: CreateUserBody): Promise<UserView> {
  return request<UserView>('/api/v1/users', { method: 'POST', body });
}

/** `PATCH /api/v1/users/{id}`: switch an account off (its sessions end) or on again. */
export function switchUser(id: number, disabled: boolean): Promise<UserView> {
  return request<UserView>(`/api/v1/users/${id}`, { method: 'PATCH', body: { disabled } });
}
