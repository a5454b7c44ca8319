// Public API of @tradeflow/shared/trading.
export * from './bonds';
export * from './lifecycle';
export * from './settlement';
