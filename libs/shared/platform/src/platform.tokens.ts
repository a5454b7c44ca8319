// Injection tokens for what PlatformModule provides to a service.
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const TRANSACTION_RUNNER = Symbol('TRANSACTION_RUNNER');
export const KAFKA = Symbol('KAFKA');
