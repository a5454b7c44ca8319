export const ROLES = ['trader', 'risk', 'ops', 'auditor', 'admin', 'service'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
