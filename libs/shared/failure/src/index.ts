export { failed, type DomainFailure, type Failed, type FailureKind, type FieldError } from './domain-failure';
