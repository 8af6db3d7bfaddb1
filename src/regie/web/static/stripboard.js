// SPDX-License-Identifier: AGPL-3.0-or-later
// The stripboard's drag and drop (SortableJS, vendored): dropping a strip fills the
// board's hidden #drop-form (strip, day, rank; the board's version and the CSRF token are
// already in it) and submits it through htmx, which swaps in the refreshed board. Locked
// strips and the strips' own controls never start a drag. When the server refuses the move
// (someone changed the board meanwhile, a locked strip...), its message shows in the page's
// message area and the board is reloaded as stored. No inline script: the pages' content
// security policy allows scripts from this server only.
(function () {
  "use strict";

  function submitDrop(board, event) {
    var form = board.querySelector("#drop-form");
    if (!form) {
      return;
    }
    var rank = event.newDraggableIndex;
    if (typeof rank !== "number" || rank < 0) {
      rank = event.newIndex;
    }
    form.elements.namedItem("scene").value = event.item.dataset.scene;
    form.elements.namedItem("day").value = event.to.dataset.day;
    form.elements.namedItem("position").value = String(rank + 1);
    board.classList.add("saving");
    form.requestSubmit();
  }

  function init(root) {
    var board = root.id === "board" ? root : root.querySelector && root.querySelector("#board");
    if (!board || board.dataset.editable !== "true" || typeof Sortable === "undefined") {
      return;
    }
    board.querySelectorAll(".strip-list").forEach(function (list) {
      Sortable.create(list, {
        group: "strips",
        draggable: ".strip",
        filter: ".locked, button, select, input, label, summary, form",
        preventOnFilter: false,
        animation: 120,
        fallbackOnBody: true,
        emptyInsertThreshold: 24,
        ghostClass: "strip-ghost",
        chosenClass: "strip-chosen",
        onEnd: function (event) {
          if (event.from === event.to && event.oldIndex === event.newIndex) {
            return;
          }
          submitDrop(board, event);
        },
      });
    });
  }

  htmx.onLoad(init);

  // A refused move: the strips moved on screen but not on the server; show the board as
  // stored (the message stays in #flash).
  document.body.addEventListener("htmx:responseError", function (event) {
    var source = event.detail.elt;
    var board = document.getElementById("board");
    if (board && source && board.contains(source)) {
      htmx.ajax("GET", board.dataset.url, { target: "#board", swap: "outerHTML" });
    }
  });
})();
