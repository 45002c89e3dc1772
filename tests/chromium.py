"""Drive Debian's headless Chromium through the Classic UI, for the tests.

The browser and its driver are the system's (``make chromium`` installs the
``chromium`` and ``chromium-driver`` packages); selenium is given both paths,
so Selenium Manager never runs and nothing is downloaded at run time.

Every interaction with a widget lives in one small helper named after what
the editor does (:func:`add_author_row`, :func:`choose_terms`,
:func:`choose_organisation`, :func:`send_back`, ...): when a form changes its
widgets, only that helper's body changes, not the journeys that use it.
"""

from selenium import webdriver
from selenium.common.exceptions import ElementClickInterceptedException
from selenium.common.exceptions import ElementNotInteractableException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait
from tests.processes import CHECKOUT

import os
import shutil


#: Seconds an explicit wait allows: generous, for a loaded 2-core machine
#: that renders a Plone page and runs its JavaScript bundle.
TIMEOUT = 60

#: The names Debian gives the browser and its driver.
BROWSER_NAMES = ("chromium", "chromium-browser")
DRIVER_NAMES = ("chromedriver",)


def find_program(names):
    """The path of the first of ``names`` on the PATH, or None."""
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    return None


def missing_programs():
    """What of Chromium and chromedriver is not installed, as a sentence."""
    missing = [
        names[0]
        for names in (BROWSER_NAMES, DRIVER_NAMES)
        if find_program(names) is None
    ]
    if not missing:
        return ""
    return f"{' and '.join(missing)} not found on the PATH: run `make chromium`"


def start_chromium(language="en", width=1280, height=1600):
    """A headless Chromium with its driver, both from the system.

    ``language`` is the browser's preferred language (Accept-Language);
    console messages are kept for :func:`javascript_errors`.
    """
    options = webdriver.ChromeOptions()
    options.binary_location = find_program(BROWSER_NAMES)
    for argument in (
        "--headless=new",
        # As root in a container, Chromium's sandbox cannot start.
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-extensions",
        "--no-first-run",
        f"--window-size={width},{height}",
        f"--lang={language}",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    service = Service(executable_path=find_program(DRIVER_NAMES))
    # The driver's path is given: selenium does not start Selenium Manager.
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(TIMEOUT * 2)
    return driver


def wait_for(driver, condition, message, timeout=TIMEOUT):
    """Wait until ``condition(driver)`` is truthy; return its value.

    On timeout, fail with ``message`` and the page's address.
    """
    return WebDriverWait(driver, timeout).until(
        condition, f"{message} (page: {driver.current_url})"
    )


def element(driver, css, message=None):
    """The visible element matching ``css``, once it is there."""
    return wait_for(
        driver,
        expected_conditions.visibility_of_element_located((By.CSS_SELECTOR, css)),
        message or f"no visible element {css!r}",
    )


def click(driver, target):
    """Scroll ``target`` to the middle of the window and click it.

    Pages without their theme let menus overlap other elements; a click
    that lands on another element is then given to ``target`` directly.
    """
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", target)
    try:
        target.click()
    except (ElementClickInterceptedException, ElementNotInteractableException):
        driver.execute_script("arguments[0].click()", target)


def open_page(driver, url, css="#content"):
    """Load ``url`` and wait until its ``css`` element shows."""
    driver.get(url)
    return element(driver, css, f"{url} shows no {css!r}")


def submit_and_wait(driver, button):
    """Click a form's submit ``button`` and wait for the next page."""
    old_page = driver.find_element(By.TAG_NAME, "html")
    click(driver, button)
    wait_for(
        driver, expected_conditions.staleness_of(old_page), "the form was not sent"
    )
    element(driver, "#content")


def item_url(driver):
    """The address of the item shown, without its default view's name."""
    url = driver.current_url.split("?")[0].split("#")[0].rstrip("/")
    return url.removesuffix("/view")


def page_text(driver):
    """The text of the page's content area, as the reader sees it."""
    return element(driver, "#content").text


def heading(driver):
    """The text of the page's first heading."""
    return element(driver, "#content h1").text.strip()


def status_message(driver):
    """The text of the status messages the page shows ("" if none)."""
    return " ".join(
        message.text
        for message in driver.find_elements(By.CSS_SELECTOR, ".portalMessage")
        if message.is_displayed()
    )


def page_language(driver):
    """The language the page declares on its ``html`` element."""
    return driver.find_element(By.TAG_NAME, "html").get_attribute("lang")


def javascript_errors(driver):
    """The JavaScript errors of the page since the last call."""
    return [
        entry["message"]
        for entry in driver.get_log("browser")
        if entry["level"] == "SEVERE" and entry["source"] == "javascript"
    ]


# The editor's actions ------------------------------------------------------


def log_in(driver, portal_url, user, password):
    """Log in through the Classic UI login form."""
    driver.delete_all_cookies()
    open_page(driver, f"{portal_url}/login", "#__ac_name")
    driver.find_element(By.ID, "__ac_name").send_keys(user)
    driver.find_element(By.ID, "__ac_password").send_keys(password)
    submit_and_wait(
        driver, driver.find_element(By.CSS_SELECTOR, "[name='buttons.login']")
    )


def log_out(driver):
    """Forget the login: the next pages are Anonymous's."""
    driver.delete_all_cookies()


def open_tab(driver, label):
    """Show the fieldset (form tab) labelled ``label``."""
    tab = wait_for(
        driver,
        expected_conditions.presence_of_element_located(
            (By.XPATH, f"//form//nav//a[normalize-space()={xpath_text(label)}]")
        ),
        f"the form has no tab {label!r}",
    )
    click(driver, tab)


def fill(driver, field, text):
    """Type ``text`` into the text input or textarea of ``field``."""
    box = element(driver, f"#form [name='form.widgets.{field}']")
    box.clear()
    box.send_keys(text)


def set_date(driver, field, iso_date):
    """Set the date input of ``field`` to ``iso_date`` (YYYY-MM-DD).

    A date input takes keys in the browser's locale order: set its value as
    the date picker does, and tell the form it changed.
    """
    box = element(driver, f"#form [name='form.widgets.{field}']")
    driver.execute_script(
        "arguments[0].value = arguments[1];"
        "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
        box,
        iso_date,
    )


def add_author_row(driver, field, name, affiliation=None, orcid=None):
    """Add a person (name, affiliation, ORCID iD) at the end of ``field``.

    The people widget is a datagrid (collective.z3cform.datagridfield) whose
    last row is always blank: type into it, then leave it, and the grid adds
    the next blank row.
    """
    rows_css = (
        f"#formfield-form-widgets-{field} tbody.datagridwidget-body"
        " > tr.datagridwidget-row"
    )

    def visible_rows(driver):
        rows = driver.find_elements(By.CSS_SELECTOR, rows_css)
        return [row for row in rows if row.is_displayed()]

    rows = wait_for(driver, visible_rows, f"{field} shows no row")
    row = rows[-1]
    for column, value in (
        ("name", name),
        ("affiliation", affiliation),
        ("orcid", orcid),
    ):
        if value:
            box = row.find_element(By.CSS_SELECTOR, f"input[name$='.widgets.{column}']")
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
            box.send_keys(value)
    # Leaving the row (focusout) appends the next blank one.
    driver.execute_script("document.activeElement.blur()")
    wait_for(
        driver,
        lambda driver: len(visible_rows(driver)) > len(rows),
        f"{field} added no blank row after {name!r}",
    )


def choose_terms(driver, field, titles):
    """Choose the terms titled ``titles`` in the taxonomy ``field``.

    The widget is a searchable multiple select (Plone's select2 pattern)
    whose options read "World » Africa » Senegal": type the title, pick the
    result whose last part is the title. Returns the chosen terms' titles.
    """
    container = element(
        driver, f"#s2id_form-widgets-{field}-taxonomy_{field}", f"{field} has no search"
    )
    for title in titles:
        search = container.find_element(By.CSS_SELECTOR, "input.select2-input")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", search)
        click(driver, container.find_element(By.CSS_SELECTOR, ".select2-choices"))
        search.send_keys(title)

        def result(driver, title=title):
            for label in driver.find_elements(
                By.CSS_SELECTOR, "#select2-drop .select2-result-label"
            ):
                if label.is_displayed() and label.text.split(" » ")[-1] == title:
                    return label
            return None

        click(driver, wait_for(driver, result, f"{field} offers no term {title!r}"))
    chosen = container.find_elements(By.CSS_SELECTOR, ".select2-search-choice div")
    return [choice.text.split(" » ")[-1] for choice in chosen]


def choose_organisation(driver, field, title):
    """Pick the organisation titled ``title`` in the relation ``field``.

    Plone's content browser: "Select" opens it in the organisations section
    of the item's language; click the organisation, then its "select"
    button in the preview column.
    """
    widget = element(driver, f"#formfield-form-widgets-{field}")
    opener = widget.find_element(
        By.CSS_SELECTOR, ".content-browser-selected-items-wrapper a.btn"
    )
    click(driver, opener)
    xpath = (
        "//nav[contains(@class, 'content-browser')]"
        "//*[contains(@class, 'contentItem')]"
        f"[.//span[normalize-space()={xpath_text(title)}]]"
    )
    item = wait_for(
        driver,
        expected_conditions.element_to_be_clickable((By.XPATH, xpath)),
        f"the {field} browser shows no organisation {title!r}",
    )
    click(driver, item)
    select = wait_for(
        driver,
        expected_conditions.element_to_be_clickable(
            (By.CSS_SELECTOR, "nav.content-browser .preview .selectLevel button")
        ),
        f"the {field} browser offers no select button for {title!r}",
    )
    click(driver, select)
    wait_for(
        driver,
        lambda driver: (
            title
            in widget.find_element(
                By.CSS_SELECTOR, ".content-browser-selected-items"
            ).text
        ),
        f"{title!r} is not chosen in {field}",
    )


def save(driver):
    """Save the add or edit form shown."""
    submit_and_wait(driver, element(driver, "#form-buttons-save"))


def toolbar_menu_item(driver, menu, item_id):
    """Open the toolbar ``menu`` (e.g. ``workflow``) and click ``item_id``."""
    opener = element(driver, f"#plone-contentmenu-{menu} > a")
    click(driver, opener)
    item = wait_for(
        driver,
        expected_conditions.presence_of_element_located((By.ID, item_id)),
        f"the {menu} menu has no {item_id!r}",
    )
    old_page = driver.find_element(By.TAG_NAME, "html")
    click(driver, item)
    wait_for(
        driver, expected_conditions.staleness_of(old_page), f"{item_id} did nothing"
    )
    element(driver, "#content")


def toolbar_edit(driver):
    """Toolbar → Edit: opens the edit form of the item shown."""
    old_page = driver.find_element(By.TAG_NAME, "html")
    click(driver, element(driver, "#contentview-edit a"))
    wait_for(driver, expected_conditions.staleness_of(old_page), "Edit did nothing")
    element(driver, "#form")


def translate_into(driver, language):
    """Translate menu → "Create <language>": opens the babel form."""
    toolbar_menu_item(driver, "multilingual", f"translate_into_{language}")
    element(driver, "#babel-edit", "the translation (babel) form is not shown")


def original_value(driver, field):
    """The source's value of ``field`` shown beside the babel form."""
    widget_id = "form-widgets-" + field.replace(".", "-")
    return element(driver, f"#babel-edit span#{widget_id}").text


def review_state(driver):
    """The state the toolbar's State menu shows, e.g. "Pending review"."""
    label = element(driver, "#plone-contentmenu-workflow > a").text
    return label.split(":", 1)[-1].strip()


def do_transition(driver, transition):
    """State menu → the workflow ``transition`` (e.g. ``submit``)."""
    toolbar_menu_item(driver, "workflow", f"workflow-transition-{transition}")


def send_back(driver, comment):
    """State → Send back: the comment form asks for the comment; confirm it."""
    toolbar_menu_item(driver, "workflow", "workflow-transition-reject")
    fill(driver, "comment", comment)
    submit_and_wait(driver, element(driver, "#form-buttons-confirm"))


def history_text(driver, url):
    """The text of the item's history as its editor reads it."""
    open_page(driver, f"{url}/@@historyview")
    return page_text(driver)


def xpath_text(text):
    """``text`` as an XPath string literal (quotes of either kind allowed)."""
    if "'" not in text:
        return f"'{text}'"
    if '"' not in text:
        return f'"{text}"'
    parts = text.split("'")
    return "concat(" + ', "\'", '.join(f"'{part}'" for part in parts) + ")"


def screenshot_folder(name):
    """The git-ignored folder of a journey's screenshots, emptied of old ones."""
    folder = CHECKOUT / "var" / "screenshots" / name
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        os.remove(old)
    return folder
