"""The alignment tree (`t` on the board): centre objectives -> team goals -> agent goals,
each with its own progress and status as the board shows them, the roll-up of a branch
beside them (labelled), and the goals aligned to nothing apart."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static, Tree
from textual.widgets.tree import TreeNode

from goaltui.core import formatting as fmt
from goaltui.core.alignment import Alignment, AlignNode, build_alignment
from goaltui.core.board_rows import BoardRow, build_rows
from goaltui.core.clock import Clock
from goaltui.core.status_words import status_words
from goaltui.store.store import Store
from goaltui.widgets.board_cells import Palette, progress_status_text, status_text
from goaltui.widgets.reads import read_then

UNALIGNED = "Not aligned to anything"
Data = str | None  # a node's goal key; None for the heading nodes


def node_label(node: AlignNode, palette: Palette) -> Text:
    """key, the goal's own progress % and status (as on the board), the branch's roll-up
    beside them, labelled, then the title (cut first)."""
    label = Text(node.key, style="bold")
    if node.row.goal.weight != 1:
        label.append(f" weight {fmt.number(node.row.goal.weight)}", style="dim")
    label.append(f"  {fmt.percent(node.percent):>4}  ")
    label.append(progress_status_text(node.row.progress, palette))  # as on the board
    if node.children:
        label.append("  · roll-up ", style="dim")
        label.append(f"{fmt.percent(node.rollup_percent)} ")
        label.append(status_text(node.rollup_status, palette))
    label.append(f"  {node.row.goal.title}", style="dim")
    return label


def node_info(node: AlignNode) -> str:
    """The line under the tree: the goal's own figures, the roll-up, whose goal it is."""
    goal = node.row.goal
    text = f"{fmt.percent(node.percent)} {status_words(node.row.progress)}"
    if node.children:
        text += (
            f" · roll-up of {node.count()} goals {fmt.percent(node.rollup_percent)} "
            f"{node.rollup_status.value}"
        )
    weight = "" if goal.weight == 1 else f" · weight {fmt.number(goal.weight)}"
    return f"{text}{weight} · {goal.owner} ({goal.level.value}) · {goal.title}"


class AlignmentTree(Tree[Data]):
    """The tree; enter opens the goal (it does not fold the branch: space does)."""

    BINDINGS = [
        Binding(
            "enter", "select_cursor", "Open", id="tree.open", tooltip="Open the highlighted goal"
        ),
        Binding("space", "toggle_node", "Fold", id="tree.fold", tooltip="Fold or unfold a branch"),
    ]

    def render_label(self, node: TreeNode[Data], base_style: Style, style: Style) -> Text:
        # Tree paints the cursor's colour over the whole label; put it under the label's own
        # styles instead, so the status words keep their colours on the highlighted line
        # (as on the board).
        text = super().render_label(node, base_style, Style())
        text.stylize_before(style, len(text) - len(node.label))
        return text


class AlignmentScreen(Screen[bool]):
    """The goals as a tree by alignment; enter opens a goal, escape goes back."""

    HELP_TITLE = "alignment tree"

    BINDINGS = [
        Binding("escape", "back", "Back", id="tree.back", tooltip="Back to the board"),
        Binding("plus", "expand_all", "Expand", id="tree.expand", tooltip="Expand every node"),
        Binding("minus", "collapse_all", "Collapse", id="tree.collapse", tooltip="Fold the tree"),
    ]

    CSS_PATH = "tree.tcss"

    def __init__(self, store: Store, clock: Clock) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.alignment = Alignment((), ())
        self.nodes: dict[str, AlignNode] = {}
        self.changed = False
        self._loaded = False

    def compose(self) -> ComposeResult:
        yield Static(
            "Alignment: centre objectives → team goals → agent goals", id="tree-head", markup=False
        )
        tree = AlignmentTree("Goals", id="tree")
        tree.show_root = False
        tree.auto_expand = False
        yield tree
        yield Static(id="tree-info", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        tree: Tree[Data] = self.query_one(Tree)
        tree.root.add_leaf(Text("Reading the data file\u2026", style="italic"), None)
        tree.focus()
        self.load()

    def load(self) -> None:
        """Read the goals in a worker; the tree is rebuilt when they arrive."""
        read_then(self, self._read, self._show, lambda error: self._show([], error), group="tree")

    def _read(self) -> list[BoardRow]:
        return build_rows(self.store.snapshot(), self.clock.today())

    def _show(self, rows: list[BoardRow], error: str = "") -> None:
        if error:
            self.notify(error, title="Cannot read the data file", severity="error")
        first, self._loaded = not self._loaded, True
        self.alignment = build_alignment(rows)
        self.nodes = {}
        tree: Tree[Data] = self.query_one(Tree)
        tree.clear()
        palette = Palette.from_app(self.app)
        for root in self.alignment.roots:
            self._add(tree.root, root, palette)
        if self.alignment.unaligned:
            count = sum(n.count() for n in self.alignment.unaligned)
            heading = tree.root.add(Text(f"{UNALIGNED} ({count})", style="bold"), None)
            for node in self.alignment.unaligned:
                self._add(heading, node, palette)
            heading.expand()
        if not self.alignment.roots and not self.alignment.unaligned:
            tree.root.add_leaf(Text("No goals yet", style="italic"), None)
        if first:
            tree.cursor_line = 0  # later reloads keep the cursor where the lead left it

    def _add(self, parent: TreeNode[Data], node: AlignNode, palette: Palette) -> None:
        self.nodes[node.key] = node
        label = node_label(node, palette)
        if not node.children:
            parent.add_leaf(label, node.key)
            return
        branch = parent.add(label, node.key, expand=True)
        for child in node.children:
            self._add(branch, child, palette)

    @property
    def highlighted_key(self) -> str | None:
        node = self.query_one(Tree).cursor_node
        return None if node is None else node.data

    @on(Tree.NodeHighlighted)
    def _highlighted(self) -> None:
        key = self.highlighted_key
        node = self.nodes.get(key) if key else None
        self.query_one("#tree-info", Static).update(node_info(node) if node else "")

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected[Data]) -> None:
        event.stop()
        if event.node.data is not None:
            self.open_goal(event.node.data)

    def open_goal(self, key: str) -> None:
        from screens.detail import DetailScreen

        def back(changed: bool | None) -> None:
            if changed:
                self.changed = True
                self.load()

        self.app.push_screen(DetailScreen(self.store, self.clock, key), back)

    def action_expand_all(self) -> None:
        self.query_one(Tree).root.expand_all()

    def action_collapse_all(self) -> None:
        for child in self.query_one(Tree).root.children:
            child.collapse()

    def action_back(self) -> None:
        self.dismiss(self.changed)
