import { safeText } from '@marketplace/contracts';
import { z } from 'zod';

export const apiClientNameSchema = safeText().trim().min(1, 'must not be empty').max(255);
export const apiClientIdSchema = z.ulid();
