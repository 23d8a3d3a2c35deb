/** A component's own stylesheet, imported for its side effect: the bundler adds it to the page with the component. */
declare module '*.css';
