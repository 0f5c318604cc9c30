"""Templates as staff see and edit them: every save is checked by rendering it, and versioned."""
from contracts.notify_api import TemplateEdit, TemplatePreviewRequest

from . import inputs, messages, storage


def listing(store):
    with store.transaction() as tx:
        versions = storage.template_versions(tx.cursor)
        current = storage.current_templates(tx.cursor)
    return [{"name": name, "version": versions[name]["version"] if name in versions else 0,
             "saved_at": versions[name]["saved_at"].isoformat() if name in versions else None,
             "content": current.get(name, messages.shipped(name))} for name in messages.template_names()]


def save(store, name, content, actor):
    """A new version of `name` by `actor`, after it renders for its sample case; returns the version and
    preview (InvalidTemplate when it does not render)."""
    content = inputs.load(TemplateEdit, {"content": content})["content"]
    with store.transaction() as tx:
        shown = messages.preview(name, storage.current_templates(tx.cursor), content)
        version = storage.save_template(tx.cursor, name, content, actor["id"])
    return {"name": name, "version": version, "preview": shown}


def preview(store, name, content=None):
    """How `name`, or the `content` proposed for it, reads for its sample case."""
    content = inputs.load(TemplatePreviewRequest, {} if content is None else {"content": content}).get("content")
    with store.transaction() as tx:
        return messages.preview(name, storage.current_templates(tx.cursor), content)
