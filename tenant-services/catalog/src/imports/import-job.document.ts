import type { TenantDocument } from '@marketplace/tenancy';

export interface ImportRowError {
  /** 1-based data row number (the header is row 0). */
  row: number;
  column: string;
  message: string;
}

export interface ImportJobDocument extends TenantDocument {
  _id: string;
  status: 'running' | 'completed' | 'failed';
  total: number;
  processed: number;
  created: number;
  errors: ImportRowError[];
  createdBy: string;
  createdAt: Date;
  finishedAt: Date | null;
  /** Renewed while a process works on the job; a running job whose heartbeat stopped was cut by a restart. */
  heartbeatAt?: Date;
  /** Why a failed job stopped. */
  failureReason?: string;
}

/** At most one per tenant (`_id` is the tenant id): the import that tenant is running. */
export interface ImportLockDocument extends TenantDocument {
  _id: string;
  jobId: string;
  createdAt: Date;
}
