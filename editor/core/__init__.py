"""The pure core of Ktav: no Qt here, so everything in it runs and is tested without a screen."""
