/** The PostgreSQL NOTIFY channel the outbox's live lane sends on and the live hub listens to. */
export const liveChannel = 'redgrid_live';
