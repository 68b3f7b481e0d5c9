import { defineConfig } from 'drizzle-kit';

// `pnpm db:generate` writes SQL migrations into drizzle/; the service applies them at start (migrateMySql).
export default defineConfig({
  dialect: 'mysql',
  schema: './src/**/*.schema.ts',
  out: './drizzle',
});
