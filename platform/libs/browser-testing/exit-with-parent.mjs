// Preloaded (node --import) into the SSR server that the browser test starts. The test holds the other end of
// this process's stdin; when the test ends in any way, even killed with SIGKILL where no exit handler runs, the
// pipe closes and the server exits too, so no server is left holding the test's port.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
