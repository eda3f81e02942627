// "server-only" for the server entry, which is server code by definition (see server/tsconfig.json).
export {};
