"""The web app (aiohttp): the public archive, reader pages (subscribe, confirm, vote, preferences,
unsubscribe), the editor's review pages, and the SendGrid Event Webhook."""
