import helmet from 'helmet';

/**
 * helmet's defaults (no sniffing, no framing, HSTS, a strict referrer policy, …) with a content
 * policy that Swagger UI at /docs can live with: its own scripts and styles from this origin,
 * its inline styles, its data: images. Nothing is loaded from elsewhere.
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
}
