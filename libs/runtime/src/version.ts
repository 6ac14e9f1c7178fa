/** The Promethium release every service reports in promethium_build_info. */
export const VERSION = '0.1.0';
