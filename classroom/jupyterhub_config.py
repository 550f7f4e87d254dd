"""JupyterHub for trying Default Mode as a class on one machine (`make hub`).

What it sets up, all from this repository's environment (.venv and node_modules):

- students log in with any user name and one shared password (JupyterHub's
  SharedPasswordAuthenticator, the successor of DummyAuthenticator's password);
- each student gets a JupyterLab server (SimpleLocalProcessSpawner) in their own folder
  under DMNLAB_HUB_HOMES; it opens in JupyterLab and needs no network;
- an nbgitpuller link (README, "Teaching with it") clones the course into that folder and
  opens a chapter; a student who follows the link before logging in is logged in, then their
  server starts by itself;
- idle kernels are shut down after an hour, idle servers after two.

This is the configuration tests/test_hub.py runs with a class of eight students, and
benchmarks/hub.py measures. It is meant for a trial or a workshop on a trusted machine:
SimpleLocalProcessSpawner runs every student's server as the same operating-system user
(JupyterHub calls it "only for testing"), and anyone with the password can log in as anyone.
For a real class, use Zero to JupyterHub (classroom/z2jh-values.yaml) or replace the
authenticator and spawner below with your institution's.

Environment variables:
  DMNLAB_HUB_PASSWORD  the students' shared password (required, at least 8 characters)
  DMNLAB_HUB_URL       where students connect (default http://127.0.0.1:8000); use
                       http://0.0.0.0:8000 to accept other machines, behind HTTPS
  DMNLAB_HUB_HOMES     one folder per student is made here (default build/hub/home)
  DMNLAB_HUB_STATE     the hub's database, cookie secret and proxy pid (default build/hub)

Run:  DMNLAB_HUB_PASSWORD=... make hub
"""

import os
import pathlib
import sys

c = get_config()  # noqa: F821  (provided by JupyterHub when it loads this file)

ROOT = pathlib.Path(__file__).resolve().parents[1]
BIN = pathlib.Path(sys.executable).parent  # the .venv that runs the hub runs the students too
STATE = pathlib.Path(os.environ.get("DMNLAB_HUB_STATE") or ROOT / "build" / "hub").resolve()
HOMES = pathlib.Path(os.environ.get("DMNLAB_HUB_HOMES") or STATE / "home").resolve()
STATE.mkdir(parents=True, exist_ok=True)
HOMES.mkdir(parents=True, exist_ok=True)

password = os.environ.get("DMNLAB_HUB_PASSWORD", "")
if len(password) < 8:
    sys.exit("classroom/jupyterhub_config.py: set DMNLAB_HUB_PASSWORD to the students' shared "
             "password (at least 8 characters)")

# ---- who may log in -------------------------------------------------------------------------
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = password
c.Authenticator.allow_all = True  # any user name, with the shared password

# ---- where the hub, its proxy and its state live ---------------------------------------------
c.JupyterHub.bind_url = os.environ.get("DMNLAB_HUB_URL") or "http://127.0.0.1:8000"
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.command = [str(ROOT / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")

# ---- each student's server ---------------------------------------------------------------------
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(HOMES / "{username}")
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.environment = {
    "JUPYTER_PLATFORM_DIRS": "1",  # Jupyter's own files inside the student's home
    # git for nbgitpuller; python, pip and jupyter in a student's terminal are the course's
    "PATH": os.pathsep.join([str(BIN), os.environ.get("PATH") or os.defpath]),
}
args = [
    # no calls home from a classroom: JupyterLab's news feed and update check are off
    "--LabApp.news_url=",
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    # culling on one machine: idle kernels after 1 h, then the idle server after 2 h
    "--MappingKernelManager.cull_idle_timeout=3600",
    "--MappingKernelManager.cull_interval=300",
    "--ServerApp.shutdown_no_activity_timeout=7200",
]
if os.geteuid() == 0:
    args.append("--allow-root")  # a container or CI runner where everything runs as root
c.Spawner.args = args
# A whole class starting at once on a small machine: give each server time to come up.
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
# An nbgitpuller link followed by a student whose server is stopped starts it (after login)
# instead of showing a "Launch server" button.
c.JupyterHub.implicit_spawn_seconds = 0.5
