#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a screen reader sees of the CropDeck window, read over AT-SPI with dogtail.

Run by run_accessibility_check.sh inside Xvfb and a private D-Bus session with the AT-SPI bus. Checks
that every control a user can reach (buttons, fields, lists, tables, combo boxes, check boxes, sliders,
tabs) has an accessible name, that the main parts are there by name, and that the Help menu's shortcut
list opens from the accessibility interface alone (a user who cannot see the screen can find it).
Exit 0 when all holds; 1 with each problem listed otherwise.
"""

import sys
import time

from dogtail import config

config.config.searchShowingOnly = True
config.config.logDebugToFile = False
config.config.logDebugToStdOut = False
config.config.defaultDelay = 0.2
config.config.searchCutoffCount = 10

import pyatspi  # noqa: E402  (after dogtail's configuration)
from dogtail import tree  # noqa: E402

# Roles a user operates: each needs a name a screen reader can say.
NAMED_ROLES = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX, pyatspi.ROLE_RADIO_BUTTON,
    pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_LIST, pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE, pyatspi.ROLE_TREE_TABLE, pyatspi.ROLE_SLIDER,
    pyatspi.ROLE_PAGE_TAB, pyatspi.ROLE_MENU, pyatspi.ROLE_PROGRESS_BAR,
}
# The parts a user must be able to find by name (role, name).
REQUIRED = [
    (pyatspi.ROLE_LIST, "Images"),
    (pyatspi.ROLE_TEXT, "Filter images"),
    (pyatspi.ROLE_COMBO_BOX, "Show images"),
    (pyatspi.ROLE_MENU_ITEM, "File"),  # Qt shows the menu bar's menus as menu items that open a popup
    (pyatspi.ROLE_MENU_ITEM, "View"),
    (pyatspi.ROLE_MENU_ITEM, "Go"),
    (pyatspi.ROLE_MENU_ITEM, "Help"),
]


def find_application(name, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            for app in tree.root.applications():
                if app.name == name:
                    return app
        except Exception:  # the registry may not be up yet
            pass
        time.sleep(0.5)
    return None


def walk(node, depth=0):
    yield node
    if depth > 40:
        return
    try:
        children = node.children
    except Exception:
        return
    for child in children:
        yield from walk(child, depth + 1)


def showing(node):
    try:
        return node.getState().contains(pyatspi.STATE_SHOWING)
    except Exception:
        return False


def describe(node):
    path = []
    current = node
    while current is not None and len(path) < 6:
        try:
            path.append(f"{current.roleName}:{current.name!r}")
            current = current.parent
        except Exception:
            break
    return " < ".join(path)


def main():
    problems = []
    app = find_application("cropdeck", timeout=30)
    if app is None:
        print("FAIL: no application named 'cropdeck' on the AT-SPI bus", file=sys.stderr)
        return 1
    window = None
    deadline = time.monotonic() + 20
    while window is None and time.monotonic() < deadline:
        frames = [c for c in app.children if c.roleName == "frame"]
        window = frames[0] if frames else None
        time.sleep(0.3)
    if window is None:
        print("FAIL: cropdeck shows no window over AT-SPI", file=sys.stderr)
        return 1
    print(f"window: {window.name!r}")

    seen = set()
    checked = 0
    for node in walk(window):
        if not showing(node):
            continue
        role, name = node.getRole(), (node.name or "").strip()
        seen.add((role, name))
        if role in NAMED_ROLES:
            checked += 1
            if not name:
                problems.append(f"unnamed {node.roleName}: {describe(node)}")
    for role, name in REQUIRED:
        if (role, name) not in seen:
            problems.append(f"missing {pyatspi.Role(role)} named {name!r}")
    print(f"controls checked: {checked}")

    # The shortcut list, reached through the accessibility interface only.
    try:
        menu_bar = window.child(roleName="menu bar")
        help_menu = menu_bar.child(name="Help", roleName="menu item")
        help_menu.doActionNamed("ShowMenu")
        item = help_menu.child(name="Keyboard Shortcuts", roleName="menu item", retry=True)
        try:
            item.doActionNamed("Press")
        except Exception as error:
            # Qt answers the action only after the modal dialog's own event loop returns: the call times
            # out while the dialog is up, which is what is checked next.
            if "reply" not in str(error):
                raise
        dialog = None
        deadline = time.monotonic() + 10
        while dialog is None and time.monotonic() < deadline:
            dialogs = [c for c in app.children
                       if c.roleName in ("dialog", "alert") and "shortcuts" in (c.name or "").lower()]
            dialog = dialogs[0] if dialogs else None
            time.sleep(0.3)
        if dialog is None:
            print("top-level windows:", [(c.roleName, c.name) for c in app.children])
            problems.append("Help > Keyboard Shortcuts opened no dialog named '… shortcuts'")
        else:
            texts = [n for n in walk(dialog) if n.roleName in ("table", "text", "label", "list") and showing(n)]
            if not texts:
                problems.append("the shortcuts dialog shows nothing a screen reader can read")
            print(f"shortcuts dialog: {dialog.name!r}")
    except Exception as error:  # dogtail raises SearchError with the name it looked for
        problems.append(f"Help > Keyboard Shortcuts not reachable: {error}")

    for problem in problems:
        print("FAIL:", problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
