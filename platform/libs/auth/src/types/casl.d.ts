// @casl/ability 7 publishes its types only through package.json "exports", which the repository's
// `moduleResolution: node10` does not read; these declarations point TypeScript at the same files.
declare module '@casl/ability' {
  export * from '@casl/ability/dist/types/index';
}
declare module '@casl/ability/extra' {
  export * from '@casl/ability/dist/types/extra/index';
}
