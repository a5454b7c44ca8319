export { ConfigError } from './config-error';
export { EnvReader, redactUrl } from './env-reader';
export {
  LOG_LEVELS,
  ServiceConfig,
  type JwtSettings,
  type LogLevel,
  type ServiceIdentity,
  type StreamSettings,
} from './service-config';
