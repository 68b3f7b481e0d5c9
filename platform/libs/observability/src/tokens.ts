import { Inject } from '@nestjs/common';

export const OBSERVABILITY_OPTIONS = Symbol('OBSERVABILITY_OPTIONS');
/** Injection token of the service's pino logger. */
export const LOGGER = Symbol('LOGGER');

/** `constructor(@InjectLogger() private readonly logger: Logger)` */
export const InjectLogger = (): ParameterDecorator => Inject(LOGGER);
