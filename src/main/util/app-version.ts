/** The app's version: in the CLI's --version, backups, and the User-Agent of every request. */
export const APP_VERSION = '0.1.0';
