import { afterServerPagePainted } from './app/core/first-paint';

/**
 * The entry point holds no Angular: the application (framework, store, shell) is a chunk imported only after the
 * browser has painted the server's page, so its download, evaluation and hydration never delay that paint (ADR 0063).
 */
async function main(): Promise<void> {
  await afterServerPagePainted(document);
  const { start } = await import('./boot');
  // A task boundary between evaluating the app's modules and bootstrapping it: two tasks instead of one long one,
  // so input is handled in between.
  await new Promise((resolve) => setTimeout(resolve));
  await start();
}

main().catch((error: unknown) => {
  console.error(error);
  const banner = document.createElement('p');
  banner.setAttribute('role', 'alert');
  banner.textContent = `The shop could not start: ${error instanceof Error ? error.message : String(error)}`;
  document.body.prepend(banner);
});
