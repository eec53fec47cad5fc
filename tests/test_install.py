"""sitegen installed as a user installs it (`pip install .`, not editable) builds a site:
the package carries its theme (templates and assets), not only its Python modules."""
import os
import shutil
import site as site_module
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_an_installed_sitegen_builds_the_example_site_with_its_theme(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    # The libraries come from this environment, whatever it is (a virtual environment or
    # the system's: --system-site-packages would see the base interpreter's, not a
    # virtual environment's); sitegen itself from a wheel of this checkout, installed
    # into the new environment's own folder, which comes first.
    purelib = subprocess.run([str(venv / "bin" / "python"), "-c",
                              "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    here = [p for p in site_module.getsitepackages() + [site_module.getusersitepackages()] if os.path.isdir(p)]
    with open(os.path.join(purelib, "this-environment.pth"), "w", encoding="utf-8") as f:
        f.write("\n".join(here) + "\n")
    # From a copy of what the package is made of: a build/ folder left in the checkout by
    # an earlier install would lend its files to this one.
    source = tmp_path / "source"
    shutil.copytree(os.path.join(ROOT, "sitegen"), source / "sitegen",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(os.path.join(ROOT, name), source / name)
    pip = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps", str(source)],
                         capture_output=True, text=True)
    assert pip.returncode == 0, pip.stderr
    site = tmp_path / "site"
    site.mkdir()
    for name in ("site.yaml", "content", "layouts", "assets"):
        src = os.path.join(ROOT, name)
        (shutil.copytree if os.path.isdir(src) else shutil.copy)(src, site / name)
    env = dict(os.environ, PYTHONPATH="")
    env.pop("SITEGEN_LANG", None)
    proc = subprocess.run([str(venv / "bin" / "sitegen"), "build", "-s", str(site)], cwd=tmp_path,
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "đã dựng" in proc.stderr and "0 lỗi" in proc.stderr  # the compiled catalog was installed
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import sitegen; print(sitegen.__file__)"],
                           cwd=tmp_path, capture_output=True, text=True, env=env).stdout
    assert where.startswith(str(venv))  # the installed copy ran, not this checkout
    with open(site / "output" / "index.html", encoding="utf-8") as f:
        assert "</html>" in f.read()
    for name in os.listdir(os.path.join(ROOT, "sitegen", "theme", "assets")):
        assert (site / "output" / "assets" / name).exists(), name
