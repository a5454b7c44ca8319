import { type Role } from './role';

export interface Principal {
  id: string;
  role: Role;
  /** The books a trader may trade; always empty for other roles. */
  books: readonly string[];
}
