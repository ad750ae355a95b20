// Starts the download of a finished export, as a click on its link would; the page stays.
export function download(url) {
    const link = document.createElement('a');
    link.href = url;
    link.download = '';
    document.body.appendChild(link);
    link.click();
    link.remove();
}
