import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * zod/mini, with zod's English messages. The functional API of zod/mini lets the bundler leave out
 * what the extension never calls (full zod is about 25 KB gzip on every page of it). zod/mini has
 * no messages of its own ("Invalid input" for everything), and the import of a file shows zod's
 * message to the user, so the English locale is set here, where every schema of the extension gets
 * its `z`: a message is the same whichever module parses first.
 */
z.config(en());

export { z };
