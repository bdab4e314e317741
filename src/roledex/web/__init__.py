"""The web app and the JSON API: `roledex.web.app.create_app(settings)`, served by `roledex.web.server.serve`."""
