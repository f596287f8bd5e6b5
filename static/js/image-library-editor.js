// The body editor's figure tool, taken from the image library (django-prose-editor's configurable
// preset loads this module through DJANGO_PROSE_EDITOR_EXTENSIONS; see newsroom/settings.py).
//
// A figure holds a reference, <img data-image="42">, never an address: the page renders the
// library's alt text, credit, size and renditions when it is served, so a change in the library
// shows wherever the picture is used. The tool opens a chooser: search the library, or upload a
// picture in place (a file already there is offered back). Addresses of other sites are refused
// by the server when the article is saved. No inline styles or scripts (strict CSP).

import { crel, Figure, gettext, Image } from "django-prose-editor/editor"

// The preview address of picture 0, e.g. /admin/images/image/0/preview/, made for another id.
const previewSrc = (template, id) => template.replace("/0/", `/${encodeURIComponent(id)}/`)

export const LibraryImage = Image.extend({
  addOptions() {
    return { ...this.parent?.(), previewUrl: "" }
  },

  addAttributes() {
    return {
      ...this.parent?.(),
      image: {
        default: null,
        parseHTML: (element) => element.getAttribute("data-image"),
        renderHTML: (attributes) => (attributes.image ? { "data-image": attributes.image } : {}),
      },
    }
  },

  parseHTML() {
    // Pasted pictures from elsewhere parse too, so the server can name them when it refuses them.
    return [{ tag: "img[data-image]" }, { tag: "img[src]" }]
  },

  renderHTML({ node, HTMLAttributes }) {
    const attributes = { ...HTMLAttributes }
    if (node.attrs.image && this.options.previewUrl) {
      attributes.src = previewSrc(this.options.previewUrl, node.attrs.image)
    }
    return ["img", attributes]
  },
})

const csrfToken = () =>
  document.querySelector("input[name=csrfmiddlewaretoken]")?.value ||
  document.cookie.match(/(?:^|; )csrftoken=([^;]+)/)?.[1] ||
  ""

function field(labelText, input, help = "") {
  const id = `image-chooser-${Math.random().toString(36).slice(2)}`
  input.id = id
  const children = [crel("label", { htmlFor: id, textContent: labelText }), input]
  if (help) children.push(crel("span", { className: "image-chooser__help", textContent: help }))
  return crel("div", { className: "image-chooser__field" }, children)
}

function resultButton(image, choose) {
  const button = crel("button", { type: "button", className: "image-chooser__result" }, [
    crel("img", { src: image.thumbnail, alt: "", loading: "lazy", width: 160, height: 107 }),
    crel("span", { className: "image-chooser__title", textContent: image.title }),
  ])
  if (!image.has_alt) {
    button.append(
      crel("span", { className: "image-chooser__warning", textContent: gettext("no alt text yet") }),
    )
  }
  button.addEventListener("click", () => choose(image))
  return crel("li", {}, [button])
}

// Resolves with the chosen library image ({id, alt, caption, ...}) or null.
function chooseImage(options) {
  return new Promise((resolve) => {
    let page = 1
    let settled = false
    const status = crel("p", { className: "image-chooser__status", role: "status" })
    const results = crel("ul", { className: "image-chooser__results", role: "list" })
    const more = crel("button", { type: "button", className: "image-chooser__more", textContent: gettext("More") })
    const search = crel("input", { type: "search", name: "q", autocomplete: "off" })
    const cancel = crel("button", { type: "button", className: "image-chooser__cancel", textContent: gettext("Cancel") })

    const file = crel("input", { type: "file", name: "files", accept: "image/jpeg,image/png,image/webp,image/avif,image/gif" })
    const alt = crel("input", { type: "text", name: "alt_text", maxLength: 250 })
    const decorative = crel("input", { type: "checkbox", name: "is_decorative" })
    const caption = crel("input", { type: "text", name: "caption", maxLength: 300 })
    const credit = crel("input", { type: "text", name: "credit", maxLength: 150 })
    const upload = crel("button", { type: "button", className: "image-chooser__upload-button", textContent: gettext("Upload and insert") })
    const errors = crel("div", { className: "image-chooser__errors", role: "alert" })

    const dialog = crel("dialog", { className: "image-chooser", "aria-label": gettext("Insert a picture") }, [
      crel("h3", { textContent: gettext("Insert a picture from the library") }),
      field(gettext("Search"), search),
      status,
      results,
      more,
      crel("details", { className: "image-chooser__upload" }, [
        crel("summary", { textContent: gettext("Upload a new picture") }),
        field(gettext("Picture"), file),
        field(gettext("Alt text"), alt, gettext("What the picture shows, for readers who cannot see it.")),
        crel("div", { className: "image-chooser__field image-chooser__field--check" }, [
          decorative,
          crel("label", { htmlFor: "", textContent: gettext("Decorative (no alt text needed)") }),
        ]),
        field(gettext("Caption"), caption),
        field(gettext("Credit / source"), credit),
        errors,
        upload,
      ]),
      crel("p", {
        className: "image-chooser__note",
        textContent: gettext("Pictures come from the library; addresses of other sites are not accepted."),
      }),
      cancel,
    ])
    decorative.id = `image-chooser-decorative-${Math.random().toString(36).slice(2)}`
    dialog.querySelector(".image-chooser__field--check label").htmlFor = decorative.id

    const finish = (image) => {
      if (settled) return
      settled = true
      dialog.close()
      dialog.remove()
      resolve(image)
    }

    async function load(reset) {
      if (reset) {
        page = 1
        results.replaceChildren()
      }
      status.textContent = gettext("Loading…")
      const url = new URL(options.chooserUrl, window.location.href)
      url.searchParams.set("q", search.value)
      url.searchParams.set("page", page)
      try {
        const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        if (!response.ok) throw new Error(response.statusText)
        const data = await response.json()
        results.append(...data.results.map((image) => resultButton(image, finish)))
        more.hidden = !data.more
        status.textContent = results.children.length ? "" : gettext("No pictures found.")
      } catch (error) {
        status.textContent = gettext("The library could not be loaded: ") + error.message
      }
    }

    async function send() {
      errors.replaceChildren()
      if (!file.files.length) {
        errors.append(crel("p", { textContent: gettext("Choose a picture to upload.") }))
        return
      }
      const body = new FormData()
      body.append("files", file.files[0])
      body.append("alt_text", alt.value)
      if (decorative.checked) body.append("is_decorative", "on")
      body.append("caption", caption.value)
      body.append("credit", credit.value)
      upload.disabled = true
      status.textContent = gettext("Uploading…")
      try {
        const response = await fetch(options.uploadUrl, {
          method: "POST",
          body,
          credentials: "same-origin",
          headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
        })
        const data = await response.json().catch(() => ({ errors: [response.statusText] }))
        status.textContent = ""
        if (response.ok) return finish(data.image)
        for (const message of data.errors || []) errors.append(crel("p", { textContent: message }))
        if (data.existing) {
          const useExisting = crel("button", {
            type: "button",
            textContent: gettext("Use the picture already in the library"),
          })
          useExisting.addEventListener("click", () => finish(data.existing))
          errors.append(useExisting)
        }
      } catch (error) {
        errors.append(crel("p", { textContent: gettext("The upload failed: ") + error.message }))
      } finally {
        upload.disabled = false
      }
    }

    let timer = null
    search.addEventListener("input", () => {
      clearTimeout(timer)
      timer = setTimeout(() => load(true), 250)
    })
    search.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault()
        load(true)
      }
    })
    more.addEventListener("click", () => {
      page += 1
      load(false)
    })
    upload.addEventListener("click", send)
    cancel.addEventListener("click", () => finish(null))
    dialog.addEventListener("close", () => finish(null))

    document.body.append(dialog)
    dialog.showModal()
    search.focus()
    load(true)
  })
}

function place(editor, image, previewUrl) {
  const attrs = { image: String(image.id), alt: image.alt, src: previewSrc(previewUrl, image.id) }
  if (editor.isActive("image")) {
    editor.chain().focus().updateAttributes("image", attrs).run()
    return
  }
  const content = [{ type: "image", attrs }]
  if (image.caption) content.push({ type: "caption", content: [{ type: "text", text: image.caption }] })
  editor.chain().focus().insertContent({ type: "figure", content }).run()
}

export const LibraryFigure = Figure.extend({
  addOptions() {
    return { ...this.parent?.(), chooserUrl: "", uploadUrl: "", previewUrl: "" }
  },

  addCommands() {
    const parent = this.parent?.() || {}
    const options = this.options
    return {
      ...parent,
      editImage:
        () =>
        (props) => {
          if (!props.dispatch) return parent.editImage()(props)
          const { editor } = props
          chooseImage(options).then((image) => {
            if (image) place(editor, image, options.previewUrl)
          })
          return true
        },
      insertFigure:
        () =>
        ({ commands }) =>
          commands.editImage(),
    }
  },
})
