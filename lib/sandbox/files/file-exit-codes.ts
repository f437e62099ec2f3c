/** Exit codes the file commands (file-commands.ts) end with, read by `fileError`. */
export const fileExit = {
  notFound: 80,
  permissionDenied: 81,
  notADirectory: 82,
  isADirectory: 83,
  notARegularFile: 84,
  tooLarge: 85,
  exists: 86,
  incomplete: 87,
} as const;
