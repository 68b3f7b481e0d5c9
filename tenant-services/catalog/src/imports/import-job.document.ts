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
}
