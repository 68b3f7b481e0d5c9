/**
 * Jest setup of the integration suites. Their sellers are organizations made by token claims (createTestTenant),
 * which no tenants service knows: services under test count tenants of unknown status as active (ADR 0048). A
 * suite that proves the refusals sets TENANT_STATUS_ASSUME_ACTIVE=false for its services; production refuses
 * the setting.
 */
process.env.TENANT_STATUS_ASSUME_ACTIVE ??= 'true';
