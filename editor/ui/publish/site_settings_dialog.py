"""The site settings form: one row per `SETTING_FIELDS` entry, loaded from and saved to the library."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from editor.core.errors import KtavError
from editor.core.export.site import SETTING_FIELDS, SiteSettings, load_site_settings, save_site_settings

LEFT_TO_RIGHT_KEYS = frozenset({"blog_url", "post_url_pattern", "date_format", "templates_dir", "image_width",
                                "image_width_2x", "image_quality"})


class SiteSettingsDialog(QDialog):
    """Edit the site settings export uses. Saving refuses an invalid value (the Hebrew reason shown)
    and stores nothing then; `saved` holds the stored settings after a successful save."""

    def __init__(self, library, parent: QWidget | None = None, *, hebrew: bool = True) -> None:
        super().__init__(parent)
        self.library = library
        self.hebrew = hebrew
        self.saved: SiteSettings | None = None
        self.fields: dict[str, QLineEdit | QComboBox] = {}
        self.setWindowTitle(self.tr("Site settings"))
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if hebrew else Qt.LayoutDirection.LeftToRight)
        self._build()
        self.load()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("How exported pages address and present the blog."), wordWrap=True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # the labels are sentences: each above its field
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for field in SETTING_FIELDS:
            if field.choices:
                widget = QComboBox()
                for choice in field.choices:
                    widget.addItem(self._choice_text(field.key, choice), choice)
            else:
                widget = QLineEdit()
                if field.key in LEFT_TO_RIGHT_KEYS:
                    widget.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            widget.setObjectName(field.key)
            # A label starting with a Latin word ("CSS: …") would be laid out left-to-right: the
            # right-to-left mark makes it a Hebrew line. Not wrapped: wrapped labels get cut in a form.
            label = QLabel("\u200f" + field.label_he if self.hebrew else field.label)
            label.setBuddy(widget)
            self.fields[field.key] = widget
            form.addRow(label, widget)
        layout.addLayout(form)
        self.error_label = QLabel(wordWrap=True, objectName="settingsError")
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(max(640, self.sizeHint().width()), self.sizeHint().height())

    def _choice_text(self, key: str, value: str) -> str:
        texts = {
            ("css_mode", "inline"): self.tr("Inlined in each page"),
            ("css_mode", "linked"): self.tr("A linked site.css file"),
            ("image_mode", "assets"): self.tr("Files in assets/ beside the page"),
            ("image_mode", "inline"): self.tr("Inlined in the page (a single file)"),
            ("remote_images", "warn"): self.tr("Allowed, with a warning in the pre-publish check"),
            ("remote_images", "block"): self.tr("Not allowed: the pre-publish check stops the export"),
            ("image_format", "webp"): self.tr("WebP (smaller files)"),
            ("image_format", "jpeg"): self.tr("JPEG"),
            ("image_alt", "block"): self.tr("An error: the pre-publish check stops the export"),
            ("image_alt", "warn"): self.tr("A warning in the pre-publish check"),
        }
        return texts.get((key, value), value)

    def load(self) -> None:
        try:
            settings = load_site_settings(self.library)
        except KtavError as error:  # a stored value the core refuses: show the defaults and why
            self._show_error(error.message_he)
            settings = SiteSettings()
        for key, widget in self.fields.items():
            value = getattr(settings, key)
            if isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(value)))
            else:
                widget.setText(str(value))

    def values(self) -> dict[str, str]:
        """The form's values; an emptied field takes its default back (as `site --set KEY=` does)."""
        defaults = SiteSettings()
        values = {key: (w.currentData() if isinstance(w, QComboBox) else w.text().strip())
                  for key, w in self.fields.items()}
        return {key: value or str(getattr(defaults, key)) for key, value in values.items()}

    def save(self) -> bool:
        """Store the form's values; False (nothing stored, the reason shown) when one is invalid."""
        try:
            settings = SiteSettings(**self.values())
            save_site_settings(self.library, settings)
        except KtavError as error:
            self._show_error(error.message_he if self.hebrew else error.message)
            field = self.fields.get(getattr(error, "key", ""))
            if field is not None:
                field.setFocus()
            return False
        self.saved = settings
        self.accept()
        return True

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
