import { z } from 'zod';

export const inviteStaffSchema = z.object({
  email: z
    .email()
    .max(320)
    .transform((email) => email.toLowerCase()),
});
export const invitationIdSchema = z.ulid();
export const memberIdSchema = z.uuid('must be a user id');
