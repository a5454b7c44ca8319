export { ChannelListener, type ChannelListenerOptions } from './channel-listener';
export {
  createServiceDataSource,
  dropSchema,
  ensureDatabase,
  migrate,
  quoteIdent,
  type ServiceDataSourceOptions,
} from './database';
export { decimalTransformer } from './decimal.transformer';
export {
  TypeOrmTransactionRunner,
  type IsolationLevel,
  type QueryResult,
  type TransactionRunner,
  type Tx,
} from './transaction';
export { GroupCommit, type GroupCommitOptions, type ItemOutcome } from './group-commit';
export {
  pruneCutoff,
  RetentionPruner,
  retentionMetrics,
  type RetentionPrunerOptions,
  type RetentionRule,
} from './retention-pruner';
