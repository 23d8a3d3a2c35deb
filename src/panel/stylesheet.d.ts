/** A stylesheet a component imports for its effect alone: vite bundles it with that component's chunk. */
declare module '*.css';
