/** The component's own strings. Notification titles and bodies come from the server, already localised. */
export interface Strings {
  bell: string;
  bellWithCount: (n: number) => string;
  title: string;
  tabAll: string;
  tabUnread: string;
  tabArchived: string;
  markRead: string;
  markUnread: string;
  markAllRead: string;
  archive: string;
  unarchive: string;
  snooze: string;
  loadMore: string;
  loading: string;
  empty: string;
  error: string;
  retry: string;
  close: string;
  preferences: string;
  back: string;
  save: string;
  saved: string;
  channelsHeading: string;
  everything: string;
  channels: Record<string, string>;
  quietHours: string;
  quietStart: string;
  quietEnd: string;
  quietMode: string;
  quietDefer: string;
  quietInboxOnly: string;
  newNotification: (title: string) => string;
  unread: string;
  reconnecting: string;
}

const en: Strings = {
  bell: "Notifications",
  bellWithCount: (n) => `Notifications, ${n} new`,
  title: "Notifications",
  tabAll: "All",
  tabUnread: "Unread",
  tabArchived: "Archived",
  markRead: "Mark as read",
  markUnread: "Mark as unread",
  markAllRead: "Mark all as read",
  archive: "Archive",
  unarchive: "Move to inbox",
  snooze: "Snooze",
  loadMore: "Load more",
  loading: "Loading…",
  empty: "You're all caught up.",
  error: "The notifications could not be loaded.",
  retry: "Retry",
  close: "Close",
  preferences: "Preferences",
  back: "Back",
  save: "Save",
  saved: "Preferences saved.",
  channelsHeading: "Channels",
  everything: "All categories",
  channels: { inApp: "In-app", push: "Push", email: "Email", sms: "SMS", webhook: "Webhook" },
  quietHours: "Quiet hours",
  quietStart: "From",
  quietEnd: "To",
  quietMode: "During quiet hours",
  quietDefer: "Hold until they end",
  quietInboxOnly: "Inbox only",
  newNotification: (t) => `New notification: ${t}`,
  unread: "Unread",
  reconnecting: "Reconnecting…",
};

const fr: Strings = {
  bell: "Notifications",
  bellWithCount: (n) => `Notifications, ${n} nouvelle${n > 1 ? "s" : ""}`,
  title: "Notifications",
  tabAll: "Toutes",
  tabUnread: "Non lues",
  tabArchived: "Archivées",
  markRead: "Marquer comme lue",
  markUnread: "Marquer comme non lue",
  markAllRead: "Tout marquer comme lu",
  archive: "Archiver",
  unarchive: "Remettre dans la boîte",
  snooze: "Reporter",
  loadMore: "Afficher plus",
  loading: "Chargement…",
  empty: "Vous êtes à jour.",
  error: "Impossible de charger les notifications.",
  retry: "Réessayer",
  close: "Fermer",
  preferences: "Préférences",
  back: "Retour",
  save: "Enregistrer",
  saved: "Préférences enregistrées.",
  channelsHeading: "Canaux",
  everything: "Toutes les catégories",
  channels: { inApp: "Dans l'appli", push: "Push", email: "E-mail", sms: "SMS", webhook: "Webhook" },
  quietHours: "Heures calmes",
  quietStart: "De",
  quietEnd: "À",
  quietMode: "Pendant les heures calmes",
  quietDefer: "Retenir jusqu'à la fin",
  quietInboxOnly: "Boîte de réception seulement",
  newNotification: (t) => `Nouvelle notification : ${t}`,
  unread: "Non lue",
  reconnecting: "Reconnexion…",
};

const catalogues: Record<string, Strings> = { en, fr };

/** The strings for a BCP 47 tag: its language ("fr-CA" → fr), else English. */
export function stringsFor(locale: string | null | undefined): Strings {
  const language = (locale ?? "").toLowerCase().split(/[-_]/)[0] ?? "";
  return catalogues[language] ?? en;
}

/** "5 minutes ago" / "il y a 5 minutes", in the given locale. */
export function relativeTime(iso: string, locale: string, now: number = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const format = new Intl.RelativeTimeFormat(locale || undefined, { numeric: "auto" });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [["year", 31_536_000], ["month", 2_592_000], ["week", 604_800], ["day", 86_400], ["hour", 3_600], ["minute", 60]];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(Math.abs(seconds) < 10 ? 0 : seconds, "second");
}
