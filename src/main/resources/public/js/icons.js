const SVG = "http://www.w3.org/2000/svg"

// A line icon in the text's colour, hidden from assistive technology (the button it sits in is named).
export function lineIcon(path, size) {
  const svg = document.createElementNS(SVG, "svg")
  svg.setAttribute("viewBox", "0 0 24 24")
  svg.setAttribute("width", String(size))
  svg.setAttribute("height", String(size))
  svg.setAttribute("aria-hidden", "true")
  const line = document.createElementNS(SVG, "path")
  line.setAttribute("d", path)
  line.setAttribute("fill", "none")
  line.setAttribute("stroke", "currentColor")
  line.setAttribute("stroke-width", "2")
  line.setAttribute("stroke-linecap", "round")
  line.setAttribute("stroke-linejoin", "round")
  svg.append(line)
  return svg
}
