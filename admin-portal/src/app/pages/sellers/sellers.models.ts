export type TenantStatus = 'PENDING' | 'ACTIVE' | 'SUSPENDED' | 'REJECTED';

/** A seller organization as platform admins see it (tenants service `TenantAccount`). */
export interface SellerAccount {
  id: string;
  name: string;
  alias: string;
  status: TenantStatus;
  contactEmail: string;
  commissionBps: number;
  defaultCurrency: string;
  suspensionReason: string | null;
  rejectionReason: string | null;
  createdAt: string;
  statusChangedAt: string;
}

export const SELLER_FIELDS =
  'id name alias status contactEmail commissionBps defaultCurrency suspensionReason rejectionReason createdAt statusChangedAt';

export const STATUS_LABEL: Record<TenantStatus, string> = {
  PENDING: 'Awaiting approval',
  ACTIVE: 'Active',
  SUSPENDED: 'Suspended',
  REJECTED: 'Rejected',
};
