import { z } from 'zod';

/** A GraphQL answer over HTTP whose `data` is `data` (absent or null when the operation failed as a whole). */
export function graphqlAnswerSchema<Data extends z.ZodType>(data: Data) {
  return z.object({
    data: data.nullish(),
    errors: z
      .array(
        z.object({
          message: z.string(),
          // `SERVICE_UNAVAILABLE`: something the answering service needs was down (a caller may try again).
          extensions: z.object({ code: z.string().optional() }).optional(),
        }),
      )
      .optional(),
  });
}
